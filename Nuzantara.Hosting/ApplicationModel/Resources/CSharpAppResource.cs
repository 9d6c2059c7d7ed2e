namespace Aspire.Hosting.ApplicationModel;

/// <summary>A C# app added by its path (AddCSharpApp): a project folder or file, or a .NET 10 file-based app (<c>app.cs</c>).</summary>
public class CSharpAppResource(string name) : ProjectResource(name);
