using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;

namespace Inbox.Web.Layout;

/// <summary>
/// Creates components by reflection. Blazor's default activator builds a factory per component type with
/// ActivatorUtilities, whose compiled path references System.Linq.Expressions; a trimmed publish removes that path,
/// but in an untrimmed build (Release, hot reload) the browser's interpreter loads the assembly for it on the first
/// component, so the sign-in form would wait for one of the assemblies the console loads only after sign-in
/// (<see cref="ConsoleAssemblies"/>). The console's components take their services through [Inject] properties,
/// which the renderer sets afterwards; a constructor with parameters is still served from the container.
/// </summary>
public sealed class ComponentActivator(IServiceProvider services) : IComponentActivator
{
    public IComponent CreateInstance([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type componentType)
    {
        if (!typeof(IComponent).IsAssignableFrom(componentType))
            throw new ArgumentException($"{componentType.FullName} is not a component.", nameof(componentType));
        var component = componentType.GetConstructor(Type.EmptyTypes) is not null
            ? Activator.CreateInstance(componentType)
            : ActivatorUtilities.CreateInstance(services, componentType);
        return (IComponent)component!;
    }
}
