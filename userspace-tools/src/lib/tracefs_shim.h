/*
 * The few libtracefs calls the tracer makes, behind a C file of their own:
 * tracefs.h is C, not C++ (its inline helpers pass an int where an enum is
 * declared), so no C++ file includes it.
 */
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

struct tep_event;
struct tep_handle;
struct tep_record;
struct tracefs_instance;

typedef int (*ingens_record_fn)(struct tep_event *event, struct tep_record *record, int cpu,
				void *context);

/* Points libtracefs at the tracefs mount to use. */
int ingens_tracefs_use_dir(const char *dir);

/*
 * Removes each instance matching @regex (a POSIX basic regular expression, as
 * tracefs_instances() takes) for which @is_dead(name) is true.
 */
void ingens_tracefs_remove_instances(const char *regex, int (*is_dead)(const char *name));

struct tracefs_instance *ingens_tracefs_create(const char *name);

/* Whether ingens_tracefs_create() made the instance (rather than found it). */
int ingens_tracefs_is_new(struct tracefs_instance *instance);

/* Disables the instance's events, removes it and frees @instance. */
void ingens_tracefs_destroy(struct tracefs_instance *instance);

const char *ingens_tracefs_name(struct tracefs_instance *instance);

/* The event formats of @system, parsed from @dir's format files. */
struct tep_handle *ingens_tracefs_formats(const char *dir, const char *system);

/* Every CPU's ring buffer of @instance, in KiB. */
int ingens_tracefs_buffer_kb(struct tracefs_instance *instance, unsigned long kb);

int ingens_tracefs_filter(struct tracefs_instance *instance, struct tep_event *event,
			  const char *filter);

int ingens_tracefs_enable(struct tracefs_instance *instance, const char *system,
			  const char *regex);

/* Reads the instance's buffers once, oldest record first. */
int ingens_tracefs_iterate(struct tep_handle *tep, struct tracefs_instance *instance,
			   ingens_record_fn callback, void *context);

#ifdef __cplusplus
}
#endif
