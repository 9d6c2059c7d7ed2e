using System.Text;
using Docker.DotNet;

namespace Nuzantara.Hosting.Orchestration.Container;

/// <summary>Splits a container's multiplexed stdout/stderr stream into lines for the resource's log.</summary>
internal static class ContainerLogReader
{
    /// <summary>Reads until the stream ends (the container stopped) and writes each complete line; a last unterminated line is written too.</summary>
    public static async Task CopyLinesAsync(MultiplexedStream stream, string resourceName, ResourceLoggerService logs, CancellationToken cancellationToken)
    {
        var stdout = new LineSplitter(line => logs.Write(resourceName, line, isError: false));
        var stderr = new LineSplitter(line => logs.Write(resourceName, line, isError: true));
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            if (read.EOF)
            {
                break;
            }

            (read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout).Append(buffer.AsSpan(0, read.Count));
        }

        stdout.Flush();
        stderr.Flush();
    }

    /// <summary>UTF-8 bytes in, lines out; a character split across two reads is decoded whole.</summary>
    internal sealed class LineSplitter(Action<string> writeLine)
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private readonly StringBuilder _line = new();

        public void Append(ReadOnlySpan<byte> bytes)
        {
            var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
            _decoder.GetChars(bytes, chars, flush: false);
            foreach (var c in chars)
            {
                if (c == '\n')
                {
                    Emit();
                }
                else
                {
                    _line.Append(c);
                }
            }
        }

        public void Flush()
        {
            if (_line.Length > 0)
            {
                Emit();
            }
        }

        private void Emit()
        {
            var length = _line.Length > 0 && _line[^1] == '\r' ? _line.Length - 1 : _line.Length;
            writeLine(_line.ToString(0, length));
            _line.Clear();
        }
    }
}
