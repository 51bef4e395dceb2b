// The sync's exchange thread: tasks run one at a time in the order given, and none is lost at the end.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sync/client/exchange_thread.hpp"

using mediane::sync::ExchangeThread;

TEST_CASE("exchanges run one at a time, in the order given, on one thread that is not the caller's", "[sync]") {
    ExchangeThread exchanges;
    std::vector<int> order;  // touched by the exchange thread only, read after every future
    std::atomic<int> running{0}, overlapped{0};
    std::vector<std::future<std::thread::id>> results;
    for (int i = 0; i < 50; ++i)
        results.push_back(exchanges.run([&, i] {
            if (running.fetch_add(1) != 0) overlapped.fetch_add(1);
            order.push_back(i);
            std::this_thread::yield();
            running.fetch_sub(1);
            return std::this_thread::get_id();
        }));
    std::thread::id first = results.front().get();
    for (std::size_t i = 1; i < results.size(); ++i) CHECK(results[i].get() == first);
    CHECK(first != std::this_thread::get_id());
    CHECK(overlapped == 0);
    std::vector<int> expected(50);
    for (int i = 0; i < 50; ++i) expected[i] = i;
    CHECK(order == expected);
}

TEST_CASE("what an exchange throws reaches its caller, and the next exchange still runs", "[sync]") {
    ExchangeThread exchanges;
    auto failing = exchanges.run([]() -> int { throw std::runtime_error("connection reset"); });
    auto next = exchanges.run([] { return 7; });
    CHECK_THROWS_WITH(failing.get(), "connection reset");
    CHECK(next.get() == 7);
}

TEST_CASE("an exchange given before the thread ends is finished, not dropped", "[sync]") {
    std::atomic<int> done{0};
    {
        ExchangeThread exchanges;
        for (int i = 0; i < 5; ++i)
            exchanges.run([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                done.fetch_add(1);
            });
    }  // the futures were dropped unread: the destructor still finishes each
    CHECK(done == 5);
}
