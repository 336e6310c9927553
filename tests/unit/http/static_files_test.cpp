// Static files: held in memory, or read from a folder on disk when asked for.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "http/static_files.hpp"

namespace skirosim::http {
namespace {

namespace fs = std::filesystem;

std::string etag_of(const Response& response) {
    for (const auto& [name, value] : response.headers)
        if (name == "ETag") return value;
    return "";
}

class StaticFilesOnDisk : public ::testing::Test {
protected:
    void SetUp() override {
        folder_ = fs::temp_directory_path() /
                  ("skirosim-static-" +
                   std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(folder_ / "pictures");
        write("pictures/1F375.svg", "<svg>tea</svg>");
    }
    void TearDown() override { fs::remove_all(folder_); }

    void write(const std::string& name, const std::string& text) {
        std::ofstream(folder_ / name, std::ios::binary) << text;
    }

    Request get(const std::string& if_none_match = "") {
        Request request;
        if (!if_none_match.empty()) request.raw.set("If-None-Match", if_none_match);
        return request;
    }

    fs::path folder_;
};

TEST_F(StaticFilesOnDisk, AFileIsServedWithItsTypeAndRevalidatesToNotModified) {
    StaticFiles files(folder_ / "nothing-in-memory");
    files.mount_on_disk(folder_ / "pictures", "vendor/pictures");
    ASSERT_TRUE(files.has("vendor/pictures/1F375.svg"));
    EXPECT_FALSE(files.has("vendor/pictures/none.svg"));

    auto first = files.serve(get(), "vendor/pictures/1F375.svg");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200);
    EXPECT_EQ(first->body, "<svg>tea</svg>");
    EXPECT_EQ(first->content_type, "image/svg+xml");
    const std::string etag = etag_of(*first);
    ASSERT_FALSE(etag.empty());

    auto again = files.serve(get(etag), "vendor/pictures/1F375.svg");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304);
    EXPECT_TRUE(again->body.empty());
}

TEST_F(StaticFilesOnDisk, AChangedFileGetsANewTagAndItsNewContent) {
    StaticFiles files(folder_ / "nothing-in-memory");
    files.mount_on_disk(folder_ / "pictures", "vendor/pictures");
    const std::string old_tag = etag_of(*files.serve(get(), "vendor/pictures/1F375.svg"));
    ASSERT_FALSE(old_tag.empty());

    write("pictures/1F375.svg", "<svg>green tea</svg>");
    fs::last_write_time(
        folder_ / "pictures/1F375.svg",
        fs::last_write_time(folder_ / "pictures/1F375.svg") + std::chrono::seconds(5));
    auto changed = files.serve(get(old_tag), "vendor/pictures/1F375.svg");
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->status, 200);
    EXPECT_EQ(changed->body, "<svg>green tea</svg>");
    EXPECT_NE(etag_of(*changed), old_tag);
}

TEST_F(StaticFilesOnDisk, NamesThatLeaveTheFolderAreNotFound) {
    write("secret.txt", "no");
    StaticFiles files(folder_ / "nothing-in-memory");
    files.mount_on_disk(folder_ / "pictures", "vendor/pictures");
    EXPECT_FALSE(files.has("vendor/pictures/../secret.txt"));
    auto escaped = files.serve(get(), "vendor/pictures/../secret.txt");
    ASSERT_FALSE(escaped);
    EXPECT_EQ(escaped.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace skirosim::http
