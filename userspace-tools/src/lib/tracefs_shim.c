#include "tracefs_shim.h"

#include <tracefs.h>

int ingens_tracefs_use_dir(const char *dir)
{
	/* libtracefs keeps its own copy of the path. */
	return tracefs_set_tracing_dir((char *)dir);
}

void ingens_tracefs_remove_instances(const char *regex, int (*is_dead)(const char *name))
{
	char **names = tracefs_instances(regex);

	for (char **n = names; n && *n; n++) {
		struct tracefs_instance *stale;

		if (!is_dead(*n))
			continue;
		stale = tracefs_instance_alloc(NULL, *n);
		if (stale)
			ingens_tracefs_destroy(stale);
	}
	tracefs_list_free(names);
}

struct tracefs_instance *ingens_tracefs_create(const char *name)
{
	return tracefs_instance_create(name);
}

int ingens_tracefs_is_new(struct tracefs_instance *instance)
{
	return tracefs_instance_is_new(instance);
}

void ingens_tracefs_destroy(struct tracefs_instance *instance)
{
	tracefs_event_disable(instance, NULL, NULL);
	tracefs_instance_destroy(instance);
	tracefs_instance_free(instance);
}

const char *ingens_tracefs_name(struct tracefs_instance *instance)
{
	return tracefs_instance_get_name(instance);
}

struct tep_handle *ingens_tracefs_formats(const char *dir, const char *system)
{
	const char *systems[] = { system, NULL };

	return tracefs_local_events_system(dir, systems);
}

int ingens_tracefs_buffer_kb(struct tracefs_instance *instance, unsigned long kb)
{
	return tracefs_instance_set_buffer_size(instance, kb, -1);
}

int ingens_tracefs_filter(struct tracefs_instance *instance, struct tep_event *event,
			  const char *filter)
{
	return tracefs_event_filter_apply(instance, event, filter);
}

int ingens_tracefs_enable(struct tracefs_instance *instance, const char *system,
			  const char *regex)
{
	return tracefs_event_enable(instance, system, regex);
}

int ingens_tracefs_iterate(struct tep_handle *tep, struct tracefs_instance *instance,
			   ingens_record_fn callback, void *context)
{
	return tracefs_iterate_raw_events(tep, instance, NULL, 0, callback, context);
}
