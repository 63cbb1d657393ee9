#include "trace_decode.h"

#include <cctype>
#include <cstring>
#include <memory>

#include <fmt/format.h>
#include <traceevent/trace-seq.h>

namespace ingens {
namespace {

std::int64_t sign_extend(unsigned long long raw, int size) {
    if (size <= 0 || size >= 8) return static_cast<std::int64_t>(raw);
    const int shift = 64 - 8 * size;
    return static_cast<std::int64_t>(raw << shift) >> shift;
}

// TP_printk prints this field as "name=0x%..." (an address).
bool printed_in_hex(const tep_event* event, std::string_view name) {
    const char* format = event->print_fmt.format;
    if (!format) return false;
    const std::string needle = fmt::format("{}=0x%", name);
    const char* at = std::strstr(format, needle.c_str());
    // Whole field names only: "addr=0x%" must not match inside "xaddr=0x%".
    const auto word_char = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    };
    while (at && at != format && word_char(at[-1])) at = std::strstr(at + 1, needle.c_str());
    return at != nullptr;
}

std::string field_content(tep_format_field* field, tep_record* record) {
    trace_seq seq;
    trace_seq_init(&seq);
    tep_print_field_content(&seq, record->data, record->size, field);
    trace_seq_terminate(&seq);
    std::string out(seq.buffer ? seq.buffer : "");
    trace_seq_destroy(&seq);
    return out;
}

}  // namespace

TraceEvent decode_record(tep_event* event, tep_record* record, int cpu) {
    TraceEvent ev;
    ev.name = event->name ? event->name : "?";
    ev.timestamp_ns = record->ts;
    ev.cpu = cpu;
    ev.task_pid = tep_data_pid(event->tep, record);
    const std::unique_ptr<tep_format_field*, decltype(&std::free)> fields(
        tep_event_fields(event), &std::free);
    for (tep_format_field** f = fields.get(); f && *f; ++f) {
        TraceField out;
        out.name = (*f)->name;
        const bool is_number =
            !((*f)->flags & (TEP_FIELD_IS_STRING | TEP_FIELD_IS_ARRAY | TEP_FIELD_IS_DYNAMIC));
        unsigned long long raw = 0;
        if (is_number && tep_read_number_field(*f, record->data, &raw) == 0) {
            out.is_signed = (*f)->flags & TEP_FIELD_IS_SIGNED;
            out.number = out.is_signed ? sign_extend(raw, (*f)->size)
                                       : static_cast<std::int64_t>(raw);
            if (printed_in_hex(event, out.name)) {
                out.text = fmt::format("0x{:x}", raw);
            } else if (out.is_signed) {
                out.text = std::to_string(*out.number);
            } else {
                out.text = std::to_string(raw);
            }
        } else {
            out.text = field_content(*f, record);
        }
        ev.fields.push_back(std::move(out));
    }
    return ev;
}

}  // namespace ingens
