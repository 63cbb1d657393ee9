// Knob table sanity and validate() rules.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "lib/knobs.h"

using ingens::find_knob;
using ingens::Knob;
using ingens::KnobKind;
using ingens::validate;

TEST(KnobTable, HasTheContractKnobsInOrder) {
    const auto table = ingens::knobs();
    ASSERT_EQ(table.size(), 16u);
    EXPECT_EQ(table.front().name, "enabled");
    EXPECT_EQ(table.back().name, "zero_pool_cpu_percent");
    const auto* util = find_knob("util_threshold");
    ASSERT_NE(util, nullptr);
    EXPECT_EQ(util->min, 1);
    EXPECT_EQ(util->max, 100);
    EXPECT_EQ(util->default_value, "90");
    const auto* scan = find_knob("scan_pages");
    ASSERT_NE(scan, nullptr);
    EXPECT_EQ(scan->min, 512);
    EXPECT_EQ(scan->max, 16777216);
    EXPECT_EQ(find_knob("no_such_knob"), nullptr);
}

TEST(KnobTable, EveryEntryIsConsistent) {
    std::set<std::string> names;
    for (const Knob& k : ingens::knobs()) {
        SCOPED_TRACE(std::string(k.name));
        EXPECT_TRUE(names.insert(std::string(k.name)).second) << "duplicate name";
        EXPECT_FALSE(k.doc.empty());
        if (k.kind == KnobKind::Int) {
            EXPECT_GE(k.min, 0);  // validate() rejects signs, so ranges must be >= 0
            EXPECT_LE(k.min, k.max);
            EXPECT_TRUE(k.choices.empty());
        } else {
            EXPECT_GE(k.choices.size(), 2u);
        }
        // The default must pass its own validation and be canonical already.
        const auto v = validate(k, k.default_value);
        ASSERT_TRUE(v.ok()) << v.error->message();
        EXPECT_EQ(*v.value, k.default_value);
    }
}

TEST(KnobTable, RangeText) {
    EXPECT_EQ(ingens::range_text(*find_knob("util_threshold")), "1..100");
    EXPECT_EQ(ingens::range_text(*find_knob("ksm_mode")), "split|coordinated");
}

TEST(Validate, AcceptsPlainNumbersAndOneTrailingNewline) {
    EXPECT_EQ(validate("util_threshold", "90").value, "90");
    EXPECT_EQ(validate("util_threshold", "90\n").value, "90");
    EXPECT_EQ(validate("util_threshold", "1").value, "1");
    EXPECT_EQ(validate("util_threshold", "100").value, "100");
    EXPECT_EQ(validate("demote_threshold", "0").value, "0");
    EXPECT_EQ(validate("scan_pages", "16777216").value, "16777216");
}

TEST(Validate, LeadingZerosAreCanonicalised) {
    // The kernel might parse "010" as octal; we always write plain decimal.
    EXPECT_EQ(validate("util_threshold", "090").value, "90");
    EXPECT_EQ(validate("demote_threshold", "000").value, "0");
}

TEST(Validate, RejectsMalformedValues) {
    for (const char* bad : {"abc", "", "\n", "90x", " 90", "90 ", "90\n\n", "9 0", "+5", "0x10",
                            "1e2", "90\r\n", "\t90"}) {
        SCOPED_TRACE(bad);
        const auto v = validate("util_threshold", bad);
        EXPECT_FALSE(v.ok());
        ASSERT_TRUE(v.error.has_value());
        EXPECT_EQ(v.error->key, "util_threshold");
        EXPECT_EQ(v.error->value, bad);
        EXPECT_EQ(v.error->range, "1..100");
    }
}

TEST(Validate, RejectsOutOfRangeWithReason) {
    auto v = validate("util_threshold", "101");
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error->reason, "above maximum 100");
    EXPECT_EQ(v.error->message(),
              "util_threshold: invalid value \"101\": above maximum 100 (valid: 1..100); "
              "use a whole decimal number from 1 to 100 (default 90)");

    v = validate("util_threshold", "0");
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error->reason, "below minimum 1");

    v = validate("util_threshold", "-1");
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error->reason, "negative values are not allowed");

    // Larger than uint64: overflow is just "too big", not a crash.
    v = validate("scan_pages", "99999999999999999999999");
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error->reason, "above maximum 16777216");

    EXPECT_FALSE(validate("scan_pages", "511").ok());
    EXPECT_FALSE(validate("enabled", "2").ok());
}

TEST(Validate, EnumKnob) {
    EXPECT_EQ(validate("ksm_mode", "split").value, "split");
    EXPECT_EQ(validate("ksm_mode", "coordinated\n").value, "coordinated");
    const auto v = validate("ksm_mode", "Split");
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error->range, "split|coordinated");
    EXPECT_NE(v.error->hint.find("split, coordinated"), std::string::npos);
    EXPECT_FALSE(validate("ksm_mode", "1").ok());
    EXPECT_FALSE(validate("ksm_mode", "").ok());
}

TEST(Validate, UnknownKnob) {
    const auto v = validate("util_treshold", "90");
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error->reason, "unknown knob");
    EXPECT_TRUE(v.error->range.empty());
    EXPECT_NE(v.error->hint.find("util_threshold"), std::string::npos);
}

TEST(Validate, MessageEscapesControlCharacters) {
    const auto v = validate("util_threshold", "9\t0\n");
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.error->message().find("\"9\\t0\\n\""), std::string::npos) << v.error->message();
}

TEST(Knobs, IsDefault) {
    EXPECT_TRUE(ingens::is_default(*find_knob("util_threshold"), "90"));
    EXPECT_FALSE(ingens::is_default(*find_knob("util_threshold"), "80"));
}
