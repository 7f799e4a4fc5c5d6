using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Commands;
using OrleansStreams.Resp.Protocol;

namespace OrleansStreams.Resp.Server;

/// <summary>
/// One RESP connection on Kestrel's transport, as Kestrel's own HTTP/1 loop: read, parse every
/// complete command the buffer holds, run them as one batch, write the replies, flush once, and
/// advance exactly past what was parsed.
/// </summary>
public sealed partial class RespConnectionHandler(
    GatewayServices services,
    CommandDispatcher dispatcher,
    CommandArrivalOrder arrivalOrder,
    ILogger<RespConnectionHandler> logger) : ConnectionHandler
{
    /// <summary>Commands taken from one read at most, so one client cannot monopolise a batch.</summary>
    private const int MaxBatch = 512;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var authenticated = string.IsNullOrEmpty(services.Config.Get("requirepass"));
        var session = services.Clients.Open(connection, authenticated, services.Options.MaxClients);
        var output = connection.Transport.Output;
        if (session is null)
        {
            RespWriter.Write(output, Reply.Error("ERR max number of clients reached"), 2);
            await output.FlushAsync();
            return;
        }
        var input = connection.Transport.Input;
        // Kestrel's graceful stop asks every connection to close and waits for its handler to
        // return before the host stops Orleans; an idle or blocked client must not hold that up
        // (it did for the whole shutdown timeout, which then cancelled the grains' deactivation).
        var closeRequested = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested.Register(() =>
        {
            session.SignalClosing();
            input.CancelPendingRead();
        });
        var closed = connection.ConnectionClosed.Register(session.SignalClosing);
        var limits = new RespReaderLimits { MaxBulkLength = services.Options.MaxBulkLength };
        // Before AUTH, Redis caps argument counts and sizes so that an unauthenticated client cannot make it allocate.
        var unauthenticatedLimits = limits with { Unauthenticated = true };
        var commands = new List<byte[][]>();
        try
        {
            while (!session.CloseRequested && !session.Closing.IsCancellationRequested)
            {
                var result = await input.ReadAsync();
                var buffer = result.Buffer;
                string? protocolError = null;
                while (commands.Count < MaxBatch)
                {
                    var status = RespReader.TryReadCommand(ref buffer, session.Authenticated ? limits : unauthenticatedLimits, out var args, out var error);
                    if (status == RespParseStatus.Complete)
                    {
                        commands.Add(args);
                        continue;
                    }
                    if (status == RespParseStatus.ProtocolError)
                    {
                        protocolError = error;
                    }
                    break;
                }
                if (protocolError is null && commands.Count == 0 && buffer.Length > services.Options.QueryBufferLimit)
                {
                    protocolError = "ERR Protocol error: query buffer limit exceeded";
                }
                input.AdvanceTo(buffer.Start, commands.Count > 0 ? buffer.Start : buffer.End);
                if (commands.Count > 0)
                {
                    var replies = await arrivalOrder.StartInTurn((dispatcher, session, commands), static s => s.dispatcher.ExecuteAsync(s.session, s.commands));
                    commands.Clear();
                    await WriteAsync(session, replies);
                }
                if (protocolError is not null)
                {
                    services.Stats.RecordError(protocolError);
                    await WriteAsync(session, [Reply.Error(protocolError)]);
                    LogProtocolError(logger, session.Id, protocolError);
                    break;
                }
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (ConnectionResetException)
        {
        }
        catch (ConnectionAbortedException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            services.PubSub.UnsubscribeAll(session);
            services.Clients.Close(session);
            closeRequested?.Dispose();
            closed.Dispose();
            session.Dispose();
        }
    }

    /// <summary>Writes replies under the session's write lock (pub/sub deliveries share the pipe) and flushes once.</summary>
    public static async Task WriteAsync(ClientSession session, IReadOnlyList<Reply> replies)
    {
        var output = session.Connection.Transport.Output;
        await session.WriteLock.WaitAsync();
        try
        {
            foreach (var reply in replies)
            {
                Write(output, reply, session.Protocol);
            }
            await output.FlushAsync();
        }
        finally
        {
            session.WriteLock.Release();
        }
    }

    private static void Write(PipeWriter output, Reply reply, int protocol)
    {
        if (reply is SequenceReply sequence)
        {
            foreach (var item in sequence.Items)
            {
                RespWriter.Write(output, item, protocol);
            }
            return;
        }
        RespWriter.Write(output, reply, protocol);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client {ClientId} sent a malformed frame: {Error}")]
    private static partial void LogProtocolError(ILogger logger, long clientId, string error);
}
