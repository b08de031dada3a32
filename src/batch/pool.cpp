#include "src/batch/pool.hpp"

#include <system_error>

namespace xxgk::batch {

WorkerPool::WorkerPool(unsigned threads) {
  for (unsigned t = 0; t < threads; ++t) {
    try {
      threads_.emplace_back([this] { work(); });
    } catch (const std::system_error&) {
      break;  // fewer workers, not a failed batch
    }
  }
}

WorkerPool::~WorkerPool() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  more_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::run(std::size_t count, const std::function<void(std::size_t)>& task) {
  if (threads_.empty()) {
    for (std::size_t i = 0; i < count; ++i) task(i);
    return;
  }
  std::unique_lock lock(mutex_);
  task_ = &task, count_ = count, next_ = 0, finished_ = 0;
  more_.notify_all();
  done_.wait(lock, [&] { return finished_ == count_; });
  count_ = 0;
}

void WorkerPool::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    more_.wait(lock, [&] { return stop_ || next_ < count_; });
    if (stop_) return;
    const std::size_t i = next_++;
    lock.unlock();
    (*task_)(i);
    lock.lock();
    if (++finished_ == count_) done_.notify_all();
  }
}

}  // namespace xxgk::batch
