using Microsoft.Extensions.DependencyInjection;

namespace EventHub.SiteClient.Cli;

/// <summary>Lets Spectre build commands through Microsoft's container, so a command asks for what it needs in its constructor.</summary>
sealed class TypeRegistrar(IServiceCollection services) : ITypeRegistrar
{
    public void Register(Type service, Type implementation) => services.AddSingleton(service, implementation);

    public void RegisterInstance(Type service, object implementation) => services.AddSingleton(service, implementation);

    public void RegisterLazy(Type service, Func<object> factory) => services.AddSingleton(service, _ => factory());

    public ITypeResolver Build() => new Resolver(services.BuildServiceProvider());

    sealed class Resolver(ServiceProvider provider) : ITypeResolver, IDisposable
    {
        public object? Resolve(Type? type) => type is null ? null : provider.GetService(type);

        public void Dispose() => provider.Dispose();
    }
}
