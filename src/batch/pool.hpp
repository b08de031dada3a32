// Worker threads that live for the whole batch. What a thread sets up once (ICU's
// Traditional→Simplified transliterator, about 50 ms; the normalisation table; the parse tree's
// free list) is kept per thread: a thread per chunk paid for it again every 256 files.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace xxgk::batch {

class WorkerPool {
 public:
  // Starts up to `threads` threads. When the system refuses one (no memory for its stack, a
  // process limit), the pool keeps those it has; with none, run() does the work itself.
  explicit WorkerPool(unsigned threads);
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool();

  // task(0) … task(count - 1) on the pool's threads; returns when every one has returned. One run
  // at a time. `task` must not throw.
  void run(std::size_t count, const std::function<void(std::size_t)>& task);
  [[nodiscard]] std::size_t threads() const { return threads_.size(); }

 private:
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable more_, done_;
  const std::function<void(std::size_t)>* task_ = nullptr;
  std::size_t count_ = 0, next_ = 0, finished_ = 0;
  bool stop_ = false;

  void work();
};

}  // namespace xxgk::batch
