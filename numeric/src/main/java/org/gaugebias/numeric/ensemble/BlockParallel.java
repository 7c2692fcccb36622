package org.gaugebias.numeric.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.ToLongFunction;

/**
 * Runs the chains of an ensemble as fixed blocks on a pool of daemon threads and hands the block
 * results back in block order.
 *
 * <p>Why one class: every ensemble runner (SDE, matrix factors, minibatch SGD) needs the same
 * guarantee that its result is bit-identical for a given seed whatever the thread count. That
 * holds because the cut into blocks depends only on the chain count and the block size, each
 * block is computed by one task with private buffers, and the caller combines the returned list
 * in block order, never in completion order. Keeping the pool, the progress accounting, the
 * cancellation convention and the shutdown in one place keeps that guarantee in one place.
 *
 * <p>Cancellation: a block that notices cancellation returns {@code null}; it is reported to no
 * progress listener and stays {@code null} in the returned list, so the caller can mark its
 * result incomplete.
 */
public final class BlockParallel {
  private final String threadPrefix;
  private final String activity;
  private final int threads;

  /**
   * @param threadPrefix worker thread names are this prefix followed by 1, 2, …
   * @param activity what is run, in words, for the messages of the exceptions thrown on
   *     interruption or failure ("simulation", "SGD run")
   * @param threads pool size
   */
  public BlockParallel(String threadPrefix, String activity, int threads) {
    this.threadPrefix = threadPrefix;
    this.activity = activity;
    this.threads = threads;
  }

  /** One block of consecutive chains. */
  @FunctionalInterface
  public interface BlockTask<R> {
    /**
     * Runs chains {@code first … first + n − 1}.
     *
     * @return the block's result, or {@code null} when the run was cancelled
     */
    R run(int first, int n);
  }

  /** Number of blocks of {@code blockSize} chains (the last one possibly shorter). */
  public static int blockCount(int chains, int blockSize) {
    return (chains + blockSize - 1) / blockSize;
  }

  /**
   * Runs all blocks and waits for them.
   *
   * @param chains number of chains
   * @param blockSize chains per block (fixed, so results do not depend on the thread count)
   * @param task computes one block
   * @param workDone the work of a finished block (chain-steps), added to the running total
   * @param progress told the running total after each finished block, on the worker thread
   * @return block results in block order ({@code null} for cancelled blocks)
   * @throws IllegalStateException if the caller is interrupted or a block throws
   */
  public <R> List<R> run(int chains, int blockSize, BlockTask<R> task,
      ToLongFunction<? super R> workDone, LongConsumer progress) {
    int blocks = blockCount(chains, blockSize);
    AtomicLong done = new AtomicLong();
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, threadPrefix + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    List<Future<R>> futures = new ArrayList<>();
    try {
      for (int b = 0; b < blocks; b++) {
        int first = b * blockSize;
        int n = Math.min(blockSize, chains - first);
        futures.add(pool.submit(() -> {
          R r = task.run(first, n);
          if (r != null) {
            progress.accept(done.addAndGet(workDone.applyAsLong(r)));
          }
          return r;
        }));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(activity + " interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(activity + " failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
