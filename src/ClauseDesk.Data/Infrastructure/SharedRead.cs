namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// A read that callers asking at the same time share, each getting a result read after it asked. A
/// read already on its way may have started before a change its caller must see, so a caller that
/// finds one waits for the next, which starts when the one on its way ends and serves everyone who
/// asked meanwhile. At most one read is on its way at a time.
/// </summary>
public sealed class SharedRead<T>(Func<Task<T>> read)
{
    private readonly Lock _lock = new();
    private bool _onItsWay;
    private TaskCompletionSource<T>? _next;

    /// <summary>The result of a read that starts after this call.</summary>
    public Task<T> ReadAsync()
    {
        TaskCompletionSource<T> first;
        lock (_lock)
        {
            if (_onItsWay)
            {
                _next ??= new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                return _next.Task;
            }

            _onItsWay = true;
            first = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _ = ReadInTurnAsync(first);
        return first.Task;
    }

    /// <summary>Reads for <paramref name="waiting"/>, then for whoever asked meanwhile, until nobody did.</summary>
    private async Task ReadInTurnAsync(TaskCompletionSource<T>? waiting)
    {
        // The caller goes on to wait; the reads go on in the pool.
        await Task.Yield();
        while (waiting is not null)
        {
            try
            {
                waiting.TrySetResult(await read());
            }
            catch (Exception e)
            {
                // Everyone who waited for this read fails as their own read would have.
                waiting.TrySetException(e);
            }

            lock (_lock)
            {
                waiting = _next;
                _next = null;
                _onItsWay = waiting is not null;
            }
        }
    }
}
