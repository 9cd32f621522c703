using System.Text;

namespace CleanShop.IntegrationTests.Support;

/// <summary>Captures what is written, and calls <see cref="OnLine"/> with each complete line before the writer returns.</summary>
public sealed class LineWatchingWriter(Action<string> onLine) : TextWriter
{
    private readonly StringBuilder _all = new();
    private readonly StringBuilder _line = new();

    public Action<string> OnLine { get; } = onLine;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_all)
        {
            _all.Append(value);
            if (value != '\n')
            {
                _line.Append(value);
                return;
            }
        }

        var line = _line.ToString().TrimEnd('\r');
        _line.Clear();
        OnLine(line);
    }

    public override string ToString()
    {
        lock (_all)
            return _all.ToString();
    }
}
