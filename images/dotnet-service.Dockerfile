# The image of one of Nuzantara's .NET services (backend, orchestrator) from its `dotnet publish` output, on the
# runtime base images/build.sh makes, for where the SDK's container support cannot reach a registry for its base:
#   dotnet publish Nuzantara.Backend/Nuzantara.Backend.csproj -c Release -o out/backend
#   docker build -f images/dotnet-service.Dockerfile --build-arg ASSEMBLY=Nuzantara.Backend -t backend:latest out/backend
# Like the SDK's images: the app in /app, run as the base's `app` user (1654), listening on 8080.
ARG BASE_IMAGE=nuzantara/dotnet-aspnet:10.0
FROM ${BASE_IMAGE}
ARG ASSEMBLY
ENV NUZANTARA_ASSEMBLY=${ASSEMBLY}
WORKDIR /app
COPY . /app
RUN test -f "/app/$NUZANTARA_ASSEMBLY.dll" || { echo "no /app/$NUZANTARA_ASSEMBLY.dll: pass --build-arg ASSEMBLY=<assembly name> and the publish output as the context" >&2; exit 1; }
USER 1654:1654
EXPOSE 8080
# exec: the service is PID 1 and gets SIGTERM itself.
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"/app/$NUZANTARA_ASSEMBLY.dll\""]
