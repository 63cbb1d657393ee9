// Turning the kernel's binary trace records into TraceEvent, with the field
// layout and print format libtraceevent parsed from each event's format file.
// Kept apart from tracer.h so that tests can decode records they build.
#pragma once

#include <traceevent/event-parse.h>

#include "trace_event.h"

namespace ingens {

// Every field the format file declares (common_* fields aside), numbers
// sign-extended as declared and shown in hex where TP_printk prints them so.
TraceEvent decode_record(struct tep_event* event, struct tep_record* record, int cpu);

}  // namespace ingens
