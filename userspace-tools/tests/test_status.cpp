// Status model, JSON schema and the human report.
#include <gtest/gtest.h>

#include "commands/status.h"
#include "fake_tree.h"
#include "lib/status.h"

using ingens::collect_status;
using ingens::to_json;
using ingens::test::FakeTree;
using nlohmann::json;

namespace {

const ingens::KnobStatus& knob(const ingens::Status& st, std::string_view name) {
    for (const auto& ks : st.knobs) {
        if (ks.knob->name == name) return ks;
    }
    throw std::runtime_error("no knob " + std::string(name));
}

}  // namespace

TEST(Status, FullTree) {
    FakeTree t;
    t.add_everything();
    t.set_knob("util_threshold", "80\n");
    const auto st = collect_status(t.paths());
    EXPECT_TRUE(st.ingens_present);
    ASSERT_TRUE(st.ingens_enabled.has_value());
    EXPECT_TRUE(*st.ingens_enabled);
    ASSERT_EQ(st.knobs.size(), ingens::knobs().size());
    EXPECT_EQ(knob(st, "util_threshold").value, "80");
    EXPECT_FALSE(knob(st, "util_threshold").is_default);
    EXPECT_TRUE(knob(st, "demote_threshold").is_default);
    EXPECT_EQ(st.stats.at("promotions"), 3u);
    EXPECT_EQ(st.thp_enabled->selected, "madvise");
    EXPECT_DOUBLE_EQ(st.coverage->percent, 25.0);
    // Only thp_* and ingens_* survive the vmstat filter.
    EXPECT_EQ(st.vmstat.size(), 3u);
    EXPECT_EQ(st.vmstat.count("nr_free_pages"), 0u);
}

TEST(Status, DisabledIngens) {
    FakeTree t;
    t.add_everything();
    t.set_knob("enabled", "0\n");
    const auto st = collect_status(t.paths());
    ASSERT_TRUE(st.ingens_enabled.has_value());
    EXPECT_FALSE(*st.ingens_enabled);
}

TEST(Status, MissingIngensDirectoryIsNotPresent) {
    FakeTree t;
    t.add_thp("never", "madvise");
    t.add_meminfo(1000, 0);
    const auto st = collect_status(t.paths());
    EXPECT_FALSE(st.ingens_present);
    EXPECT_FALSE(st.ingens_enabled.has_value());
    for (const auto& ks : st.knobs) EXPECT_FALSE(ks.present()) << ks.knob->name;
    EXPECT_TRUE(st.stats.empty());
    EXPECT_EQ(st.thp_enabled->selected, "never");  // stock THP still reported
    EXPECT_EQ(ingensctl::status_exit_code(st), 2);

    const std::string text = ingensctl::render_status_text(st);
    EXPECT_NE(text.find("this kernel lacks Ingens"), std::string::npos) << text;
    EXPECT_NE(text.find("enabled=never"), std::string::npos) << text;
}

TEST(Status, MissingKnobFilesAreAbsentNotErrors) {
    FakeTree t;
    t.add_everything();
    t.remove_knob("ksm_mode");
    t.remove_knob("idle_tax_percent");
    t.remove_knob("enabled");
    const auto st = collect_status(t.paths());
    EXPECT_TRUE(st.ingens_present);
    EXPECT_FALSE(st.ingens_enabled.has_value());
    EXPECT_FALSE(knob(st, "ksm_mode").present());
    EXPECT_FALSE(knob(st, "idle_tax_percent").present());
    EXPECT_TRUE(knob(st, "util_threshold").present());
    EXPECT_EQ(ingensctl::status_exit_code(st), 0);

    const json j = to_json(st);
    EXPECT_EQ(j["knobs"]["ksm_mode"]["present"], false);
    EXPECT_TRUE(j["knobs"]["ksm_mode"]["value"].is_null());
    EXPECT_TRUE(j["knobs"]["ksm_mode"]["valid"].is_null());
    EXPECT_TRUE(j["ingens"]["enabled"].is_null());

    const std::string text = ingensctl::render_status_text(st);
    EXPECT_NE(text.find("(absent)"), std::string::npos) << text;
}

TEST(Status, MissingProcAndThpFilesAreTolerated) {
    FakeTree t;
    t.add_ingens();
    const auto st = collect_status(t.paths());
    EXPECT_FALSE(st.thp_enabled.has_value());
    EXPECT_FALSE(st.coverage.has_value());
    EXPECT_TRUE(st.vmstat.empty());
    const json j = to_json(st);
    EXPECT_TRUE(j["memory"].is_null());
    EXPECT_TRUE(j["thp"]["enabled"].is_null());
}

TEST(Status, OutOfContractKernelValueIsFlaggedInvalid) {
    FakeTree t;
    t.add_everything();
    t.set_knob("util_threshold", "250\n");
    const auto st = collect_status(t.paths());
    const auto& ks = knob(st, "util_threshold");
    EXPECT_TRUE(ks.present());
    EXPECT_FALSE(ks.valid());
    EXPECT_EQ(ks.raw, "250");
    const json j = to_json(st)["knobs"]["util_threshold"];
    EXPECT_EQ(j["valid"], false);
    EXPECT_TRUE(j["value"].is_null());
    EXPECT_EQ(j["raw"], "250");
    EXPECT_NE(ingensctl::render_status_text(st).find("250 !invalid"), std::string::npos);
}

TEST(StatusJson, SchemaKeysAndTypes) {
    FakeTree t;
    t.add_everything();
    t.set_knob("scan_pages", "131072\n");
    t.set_knob("ksm_mode", "split\n");
    const json j = to_json(collect_status(t.paths()));

    EXPECT_EQ(j["schema_version"], 1);
    ASSERT_TRUE(j["roots"].is_object());
    EXPECT_EQ(j["roots"]["sysfs"], t.sys().string());
    EXPECT_EQ(j["roots"]["proc"], t.proc().string());
    EXPECT_TRUE(j["roots"]["tracefs"].is_string());

    ASSERT_TRUE(j["ingens"].is_object());
    EXPECT_EQ(j["ingens"]["present"], true);
    EXPECT_EQ(j["ingens"]["enabled"], true);
    EXPECT_TRUE(j["ingens"]["path"].is_string());

    ASSERT_TRUE(j["knobs"].is_object());
    EXPECT_EQ(j["knobs"].size(), ingens::knobs().size());
    for (const auto& [name, k] : j["knobs"].items()) {
        SCOPED_TRACE(name);
        for (const char* key : {"present", "raw", "value", "valid", "is_default", "default",
                                "kind", "min", "max", "choices", "unit", "doc"}) {
            EXPECT_TRUE(k.contains(key)) << key;
        }
        EXPECT_TRUE(k["present"].is_boolean());
        EXPECT_TRUE(k["choices"].is_array());
        EXPECT_TRUE(k["unit"].is_string());
        EXPECT_TRUE(k["doc"].is_string());
        if (k["kind"] == "int") {
            EXPECT_TRUE(k["value"].is_number_integer());
            EXPECT_TRUE(k["default"].is_number_integer());
            EXPECT_TRUE(k["min"].is_number_integer());
            EXPECT_TRUE(k["max"].is_number_integer());
        } else {
            EXPECT_EQ(k["kind"], "enum");
            EXPECT_TRUE(k["value"].is_string());
            EXPECT_TRUE(k["default"].is_string());
            EXPECT_TRUE(k["min"].is_null());
        }
    }
    EXPECT_EQ(j["knobs"]["scan_pages"]["value"], 131072);
    EXPECT_EQ(j["knobs"]["scan_pages"]["default"], 65536);
    EXPECT_EQ(j["knobs"]["scan_pages"]["is_default"], false);
    EXPECT_EQ(j["knobs"]["util_threshold"]["is_default"], true);
    EXPECT_EQ(j["knobs"]["ksm_mode"]["value"], "split");
    EXPECT_EQ(j["knobs"]["ksm_mode"]["choices"], json({"split", "coordinated"}));

    ASSERT_TRUE(j["stats"].is_object());
    EXPECT_EQ(j["stats"]["promotions"], 3);
    EXPECT_EQ(j["stats"]["demotions"], 1);

    EXPECT_EQ(j["thp"]["enabled"]["selected"], "madvise");
    EXPECT_EQ(j["thp"]["enabled"]["choices"], json({"always", "madvise", "never"}));
    EXPECT_EQ(j["thp"]["defrag"]["selected"], "madvise");

    ASSERT_TRUE(j["memory"].is_object());
    EXPECT_EQ(j["memory"]["anon_kb"], 1000000);
    EXPECT_EQ(j["memory"]["anon_huge_kb"], 250000);
    EXPECT_TRUE(j["memory"]["coverage_percent"].is_number());
    EXPECT_DOUBLE_EQ(j["memory"]["coverage_percent"].get<double>(), 25.0);

    ASSERT_TRUE(j["vmstat"].is_object());
    EXPECT_EQ(j["vmstat"]["thp_fault_alloc"], 42);
    EXPECT_EQ(j["vmstat"]["ingens_promotions"], 3);
    EXPECT_FALSE(j["vmstat"].contains("nr_free_pages"));
}

TEST(StatusJson, EmptyMapsAreObjectsNotNull) {
    FakeTree t;
    const json j = to_json(collect_status(t.paths()));
    EXPECT_TRUE(j["stats"].is_object());
    EXPECT_TRUE(j["stats"].empty());
    EXPECT_TRUE(j["vmstat"].is_object());
    EXPECT_EQ(j["ingens"]["present"], false);
}

TEST(StatusText, MarksNonDefaultValues) {
    FakeTree t;
    t.add_everything();
    t.set_knob("util_threshold", "80\n");
    const std::string text = ingensctl::render_status_text(collect_status(t.paths()));
    EXPECT_NE(text.find("present, enabled"), std::string::npos) << text;
    EXPECT_NE(text.find("80 *"), std::string::npos) << text;
    EXPECT_EQ(text.find("90 *"), std::string::npos) << text;
    EXPECT_NE(text.find("25.0%"), std::string::npos) << text;
    EXPECT_NE(text.find("promotions"), std::string::npos) << text;
    EXPECT_NE(text.find("thp_fault_alloc"), std::string::npos) << text;
}
