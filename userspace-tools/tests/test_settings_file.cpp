// The sysctl.d-like file of apply and save.
#include <gtest/gtest.h>

#include "lib/settings_file.h"

using ingens::parse_settings;

TEST(SettingsFile, CommentsBlanksAndSpacing) {
    const auto f = parse_settings("# comment\n; also a comment\n\n  util_threshold = 80  \n"
                                  "ksm_mode=split\n\tscan_pages\t=\t1024\n",
                                  "x.conf");
    EXPECT_TRUE(f.errors.empty());
    ASSERT_EQ(f.assignments.size(), 3u);
    EXPECT_EQ(f.assignments[0].key, "util_threshold");
    EXPECT_EQ(f.assignments[0].value, "80");
    EXPECT_EQ(f.assignments[0].origin, "x.conf:4");
    EXPECT_EQ(f.assignments[1].value, "split");
    EXPECT_EQ(f.assignments[2].key, "scan_pages");
    EXPECT_EQ(f.assignments[2].value, "1024");
}

TEST(SettingsFile, SyntaxErrorsCarryTheLine) {
    const auto f = parse_settings("util_threshold 80\n= 5\nok = 1", "y.conf");
    ASSERT_EQ(f.errors.size(), 2u);
    EXPECT_NE(f.errors[0].find("y.conf:1: expected \"key = value\""), std::string::npos);
    EXPECT_NE(f.errors[1].find("y.conf:2: missing key"), std::string::npos);
    ASSERT_EQ(f.assignments.size(), 1u);  // the last line has no '\n' and still counts
    EXPECT_EQ(f.assignments[0].origin, "y.conf:3");
}

TEST(SettingsFile, EmptyValueIsLeftForValidation) {
    const auto f = parse_settings("util_threshold =\n", "z");
    ASSERT_EQ(f.assignments.size(), 1u);
    EXPECT_EQ(f.assignments[0].value, "");
}

TEST(SettingsFile, RenderParsesBack) {
    const std::vector<std::pair<std::string, std::string>> values{{"enabled", "1"},
                                                                  {"ksm_mode", "coordinated"}};
    const std::string text = ingens::render_settings(values, "line one\nline two");
    EXPECT_EQ(text, "# line one\n# line two\nenabled = 1\nksm_mode = coordinated\n");
    const auto f = parse_settings(text, "r");
    ASSERT_EQ(f.assignments.size(), 2u);
    EXPECT_EQ(f.assignments[1].value, "coordinated");
}
