#include "core/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace pinbridge {
namespace {

TEST(AsciiLower, LowersAsciiLettersOnly) {
  EXPECT_EQ(ascii_lower("Content-Type: APPLICATION/JSON"), "content-type: application/json");
  EXPECT_EQ(ascii_lower("already lower, 0-9"), "already lower, 0-9");
  EXPECT_EQ(ascii_lower("@[`{"), "@[`{") << "the bytes either side of A-Z and a-z";
  EXPECT_EQ(ascii_lower(""), "");
}

TEST(AsciiLower, LeavesNonAsciiBytesAsTheyAre) {
  EXPECT_EQ(ascii_lower("ÉCOLE"), "École") << "É is two UTF-8 bytes, neither of them ASCII";
  const std::string bytes("A\0B\xFF", 4);
  EXPECT_EQ(ascii_lower(bytes), std::string("a\0b\xFF", 4));
}

}  // namespace
}  // namespace pinbridge
