using Microsoft.AspNetCore.Builder;

namespace SecureApi.Toolkit.Pipeline;

internal sealed record SecureApiPipelinePart(SecureApiPipelineStage Stage, string Name, Action<IApplicationBuilder> Configure);
