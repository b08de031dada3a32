#include "src/batch/pool.hpp"

#include <system_error>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace xxgk::batch {
namespace {

// A worker reads one file after another, each needing about as much memory as the one before (a
// saved page of 150 KB: its copy in libxml2, the tree, the text and their maps, some 2 MB). By
// default glibc gives the pages a file freed back to the system (a thread's heap is trimmed when
// 128 KB are free at its top; blocks over 128 KB are mapped and unmapped each time), and the next
// file faults them in again: 13,200 page faults for 204 saved pages, a third of the time of their
// reading. Kept, the same batch takes 3,700 (issue #14, tools/bench-readers). What a worker keeps
// is at most the most one file needed; blocks over 32 MB (a large PDF's) are still returned.
void keep_freed_memory() {
#if defined(__GLIBC__)
  constexpr int kTrimThreshold = 64 << 20, kMmapThreshold = 32 << 20;  // glibc's ceiling for the latter
  mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
  mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
#endif
}

}  // namespace

WorkerPool::WorkerPool(unsigned threads) {
  keep_freed_memory();
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
