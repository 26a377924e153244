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
    public async Task<T> ReadAsync()
    {
        Task<T>? next = null;
        lock (_lock)
        {
            if (_onItsWay)
            {
                _next ??= new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                next = _next.Task;
            }

            _onItsWay = true;
        }

        if (next is not null)
        {
            return await next;
        }

        // Nobody reading: the caller reads itself, as it would alone, and hands on to whoever came meanwhile.
        try
        {
            return await read();
        }
        finally
        {
            if (TakeWaiting() is { } waiting)
            {
                _ = ReadInTurnAsync(waiting);
            }
        }
    }

    /// <summary>Reads for <paramref name="waiting"/>, then for whoever asked meanwhile, until nobody did.</summary>
    private async Task ReadInTurnAsync(TaskCompletionSource<T>? waiting)
    {
        // The caller that handed on goes its way; the reads go on in the pool.
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

            waiting = TakeWaiting();
        }
    }

    /// <summary>Who asked while the last read was on its way; when nobody did, nobody is reading any more.</summary>
    private TaskCompletionSource<T>? TakeWaiting()
    {
        lock (_lock)
        {
            var waiting = _next;
            _next = null;
            _onItsWay = waiting is not null;
            return waiting;
        }
    }
}
