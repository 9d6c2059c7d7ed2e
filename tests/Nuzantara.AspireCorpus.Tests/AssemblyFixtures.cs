// The corpus runs are built once for the assembly: the corpus tests and the comparisons with real Aspire share them.
[assembly: AssemblyFixture(typeof(Nuzantara.AspireCorpus.Tests.CorpusRun))]
[assembly: AssemblyFixture(typeof(Nuzantara.AspireCorpus.Tests.TemplateCorpusRun))]
[assembly: AssemblyFixture(typeof(Nuzantara.AspireCorpus.Tests.CompilerServerShutdown))]
