// The one thread that carries a sync's exchanges with the hub, in order, while the notebook's work goes on.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>

namespace mediane::sync {

// A thread per request (std::async) took most of a millisecond to start on a laptop whose two cores are busy
// with the notebook and the link: 5 % of a large push spent between an answer and the next batch leaving.
// One thread, started at the first task, runs them in the order given; its destructor finishes what was
// given, then joins (an exchange in flight ends within the transport's own time-outs).
class ExchangeThread {
public:
    ExchangeThread() = default;
    ExchangeThread(const ExchangeThread&) = delete;
    ExchangeThread& operator=(const ExchangeThread&) = delete;
    ~ExchangeThread();

    // `task`'s result, or what it threw, comes back through the future.
    template <class Task>
    std::future<std::invoke_result_t<Task>> run(Task&& task) {
        auto job = std::make_shared<std::packaged_task<std::invoke_result_t<Task>()>>(std::forward<Task>(task));
        auto result = job->get_future();
        post([job] { (*job)(); });
        return result;
    }

private:
    void post(std::function<void()> job);
    void loop();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    bool m_stopping = false;
    std::thread m_thread;
};

}  // namespace mediane::sync
