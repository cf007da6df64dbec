namespace Headway.Web;

/// <summary>Marker for the portal's shared string resources (Resources/SharedResource.*.resx).</summary>
public sealed class SharedResource;
