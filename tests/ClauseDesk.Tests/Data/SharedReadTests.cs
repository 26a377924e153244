using ClauseDesk.Data.Infrastructure;

namespace ClauseDesk.Data;

/// <summary>
/// Callers that ask for the read stamp at the same time share one read, and each gets a read that
/// started after it asked: a revoked token must stop working for the first request after the revoke.
/// </summary>
public class SharedReadTests
{
    // Reads the test completes by hand, in the order they were started.
    private sealed class Reads
    {
        private readonly List<TaskCompletionSource<int>> _started = [];

        public Task<int> Start()
        {
            var read = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_started)
            {
                _started.Add(read);
            }

            return read.Task;
        }

        public int Count
        {
            get
            {
                lock (_started)
                {
                    return _started.Count;
                }
            }
        }

        public TaskCompletionSource<int> this[int index]
        {
            get
            {
                lock (_started)
                {
                    return _started[index];
                }
            }
        }

        public async Task StartedAsync(int count)
        {
            var until = DateTime.UtcNow.AddSeconds(10);
            while (Count < count && DateTime.UtcNow < until)
            {
                await Task.Delay(5);
            }

            Count.ShouldBe(count);
        }
    }

    [Fact]
    public async Task A_caller_that_asks_while_a_read_is_on_its_way_gets_the_next_read_which_everyone_asking_meanwhile_shares()
    {
        var reads = new Reads();
        var shared = new SharedRead<int>(reads.Start);

        var first = shared.ReadAsync();
        await reads.StartedAsync(1);
        var second = shared.ReadAsync();
        var third = shared.ReadAsync();

        reads[0].SetResult(1);
        (await first).ShouldBe(1);
        await reads.StartedAsync(2);
        second.IsCompleted.ShouldBeFalse("the read on its way may have started before a change the second caller must see");

        reads[1].SetResult(2);
        (await second).ShouldBe(2);
        (await third).ShouldBe(2);
        await Task.Delay(50);
        reads.Count.ShouldBe(2, "the second and third callers shared one read");

        // Nobody was waiting any more: the next caller starts a read of its own at once.
        var fourth = shared.ReadAsync();
        await reads.StartedAsync(3);
        reads[2].SetResult(3);
        (await fourth).ShouldBe(3);
    }

    [Fact]
    public async Task A_failed_read_fails_those_who_waited_for_it_and_the_next_caller_reads_again()
    {
        var reads = new Reads();
        var shared = new SharedRead<int>(reads.Start);

        var first = shared.ReadAsync();
        await reads.StartedAsync(1);
        reads[0].SetException(new InvalidOperationException("the database is gone"));
        (await Should.ThrowAsync<InvalidOperationException>(first)).Message.ShouldBe("the database is gone");

        var second = shared.ReadAsync();
        await reads.StartedAsync(2);
        reads[1].SetResult(7);
        (await second).ShouldBe(7);
    }
}
