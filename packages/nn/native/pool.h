// A tiny persistent thread pool for the native kernels (replaces OpenMP parallel regions).
//
// parallelFor(n, threads, fn) runs fn(0..n-1) on the calling thread plus up to threads-1 helpers.
// Chunks are claimed from an atomic counter and the caller works too, then waits only for chunks
// a helper has already claimed: when a helper is slow to wake (busy machine), the caller simply
// does more of the work, instead of waiting at a barrier for every thread as an OpenMP region does.
// Helpers spin for a short while after each job (the next GEMM of a training step comes within
// microseconds), then sleep on a condition variable.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>
#include <immintrin.h>

namespace infobed {

class Pool {
 public:
  static Pool& get() {
    static Pool* p = new Pool();  // never destroyed: helpers may outlive static destruction
    return *p;
  }

  /** Microseconds a helper spins for the next job before sleeping. */
  void setSpinMicros(int us) { spinUs_.store(us < 0 ? 0 : us); }

  void parallelFor(int n, int threads, const std::function<void(int)>& fn) {
    if (n <= 0) return;
    if (threads <= 1 || n == 1) {
      for (int i = 0; i < n; ++i) fn(i);
      return;
    }
    std::lock_guard<std::mutex> one(callMu_);  // one job at a time (nested/concurrent callers queue)
    const auto start = std::chrono::steady_clock::now();
    if (start < soloUntil_) {  // helpers were mostly waited for lately (busy machine): run alone for a while
      for (int i = 0; i < n; ++i) fn(i);
      return;
    }
    ensure(threads - 1);
    fn_ = &fn;
    total_ = n;
    next_.store(0, std::memory_order_relaxed);
    want_ = threads - 1;
    open_.store(true, std::memory_order_seq_cst);
    gen_.fetch_add(1, std::memory_order_seq_cst);
    if (sleepers_.load(std::memory_order_seq_cst) > 0) {
      std::lock_guard<std::mutex> lk(mu_);
      cv_.notify_all();
    }
    for (int i; (i = next_.fetch_add(1, std::memory_order_relaxed)) < n;) fn(i);
    open_.store(false, std::memory_order_seq_cst);
    const auto worked = std::chrono::steady_clock::now();
    while (active_.load(std::memory_order_seq_cst) != 0) _mm_pause();
    fn_ = nullptr;
    adapt(start, worked, std::chrono::steady_clock::now());
  }

 private:
  Pool() = default;

  // Share of recent jobs' wall time the caller spent waiting for a helper to finish a chunk it had
  // claimed (exponential average). On an idle machine it stays small (the last chunks end together);
  // when helpers are descheduled mid-chunk it grows, and the pool runs single-threaded for a second
  // before trying again — so the default of using every core never costs much on a busy machine.
  void adapt(std::chrono::steady_clock::time_point start, std::chrono::steady_clock::time_point worked,
             std::chrono::steady_clock::time_point end) {
    const double total = std::chrono::duration<double>(end - start).count();
    const double waited = std::chrono::duration<double>(end - worked).count();
    if (total <= 0) return;
    waitShare_ = 0.9 * waitShare_ + 0.1 * (waited / total);
    if (waitShare_ > 0.3) {
      soloUntil_ = end + std::chrono::seconds(1);
      waitShare_ = 0;
    }
  }

  void ensure(int helpers) {
    while ((int)workers_.size() < helpers) {
      const int id = (int)workers_.size();
      workers_.emplace_back([this, id] { loop(id); });
      workers_.back().detach();
    }
  }

  void loop(int id) {
    uint64_t seen = gen_.load(std::memory_order_acquire);
    for (;;) {
      uint64_t g;
      auto t0 = std::chrono::steady_clock::now();
      for (int spins = 0; (g = gen_.load(std::memory_order_seq_cst)) == seen; ++spins) {
        _mm_pause();
        if ((spins & 63) == 0 &&
            std::chrono::steady_clock::now() - t0 > std::chrono::microseconds(spinUs_.load(std::memory_order_relaxed))) {
          std::unique_lock<std::mutex> lk(mu_);
          sleepers_.fetch_add(1, std::memory_order_seq_cst);
          cv_.wait(lk, [&] { return gen_.load(std::memory_order_seq_cst) != seen; });
          sleepers_.fetch_sub(1, std::memory_order_seq_cst);
          t0 = std::chrono::steady_clock::now();
        }
      }
      seen = g;
      active_.fetch_add(1, std::memory_order_seq_cst);
      if (open_.load(std::memory_order_seq_cst) && gen_.load(std::memory_order_seq_cst) == g && id < want_) {
        const std::function<void(int)>& fn = *fn_;
        for (int i; (i = next_.fetch_add(1, std::memory_order_relaxed)) < total_;) fn(i);
      }
      active_.fetch_sub(1, std::memory_order_seq_cst);
    }
  }

  std::vector<std::thread> workers_;
  std::mutex callMu_, mu_;
  std::condition_variable cv_;
  std::atomic<uint64_t> gen_{0};
  std::atomic<int> next_{0}, active_{0}, sleepers_{0}, spinUs_{200};
  std::atomic<bool> open_{false};
  const std::function<void(int)>* fn_ = nullptr;
  int total_ = 0, want_ = 0;
  double waitShare_ = 0;
  std::chrono::steady_clock::time_point soloUntil_{};
};

}  // namespace infobed
