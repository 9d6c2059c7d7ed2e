namespace Aspire.Hosting;

/// <summary>
/// A resource whose build produces files another resource's image can take at publish (a Vite app's <c>/app/dist</c>):
/// its <see cref="ApplicationModel.ContainerFilesSourceAnnotation"/>s say where they are. In Aspire's namespace, as Aspire has it.
/// </summary>
public interface IResourceWithContainerFiles : ApplicationModel.IResource;
