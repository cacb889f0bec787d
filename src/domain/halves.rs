//! Work on two threads: the machines cadre runs on have two cores, and reading or
//! evaluating a large pool is the one place a second core pays for the thread.

/// Applies `work` to the two halves of `items` on two threads; the results in order.
pub fn in_two_halves<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let half = items.len().div_ceil(2).max(1);
    std::thread::scope(|scope| {
        let work = &work;
        let workers: Vec<_> = items.chunks(half).map(|chunk| scope.spawn(move || work(chunk))).collect();
        workers.into_iter().map(|w| w.join().expect("a worker thread panicked")).collect()
    })
}
