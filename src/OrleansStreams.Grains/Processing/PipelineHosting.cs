using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansStreams.Processing;

/// <summary>Wires the pipeline engine into a silo: the plan cache, the catalog of C# pipelines, and the keeper.</summary>
public static class PipelineHosting
{
    /// <summary>Adds the engine. Pipelines keep their definitions in the grain storage named <see cref="PipelineStorage.Name"/>, which the host adds.</summary>
    public static IServiceCollection AddOrleansStreamsPipelines(this IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var catalog = new PipelineCatalog();
            foreach (var registration in sp.GetServices<PipelineRegistration>())
            {
                catalog.Register(registration.Plan);
            }
            return catalog;
        });
        services.TryAddSingleton<PipelinePlans>();
        services.AddHostedService<PipelineKeeper>();
        return services;
    }

    /// <summary>Registers a pipeline written in C# (fluent API); it is created once, cluster-wide, when a silo starts.</summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services, PipelinePlan plan)
    {
        services.AddSingleton(new PipelineRegistration(plan));
        return services;
    }

    /// <summary>Pipeline definitions in files under <paramref name="folder"/> (the node's default, beside the journals).</summary>
    public static IServiceCollection AddFilePipelineStorage(this IServiceCollection services, string folder) =>
        services.AddFileGrainStorage(PipelineStorage.Name, folder);

    /// <summary>The Orleans grain storage <paramref name="name"/> in files under <paramref name="folder"/> (<see cref="FileGrainStorage"/>).</summary>
    public static IServiceCollection AddFileGrainStorage(this IServiceCollection services, string name, string folder) =>
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new FileGrainStorage(folder, sp.GetRequiredService<Serializer>()));
}

/// <summary>A C# pipeline registered with <see cref="PipelineHosting.AddPipeline"/>; the catalog takes them all.</summary>
public sealed record PipelineRegistration(PipelinePlan Plan);
