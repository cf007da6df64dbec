namespace Headway.Web;

/// <summary>Marker for the portal's shared string resources (Resources/strings.&lt;lang&gt;.json).</summary>
public sealed class SharedResource;
