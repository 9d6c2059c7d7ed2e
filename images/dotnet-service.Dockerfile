# The image of one of Nuzantara's .NET services (backend, orchestrator) from its `dotnet publish` output, on the
# runtime base images/build.sh makes, for where the SDK's container support cannot reach a registry for its base:
#   dotnet publish Nuzantara.Backend/Nuzantara.Backend.csproj -c Release -o out/backend
#   docker build -f images/dotnet-service.Dockerfile --build-arg ASSEMBLY=Nuzantara.Backend -t backend:latest out/backend
# Like the SDK's images: the app in /app, run as the base's `app` user (1654), listening on 8080.
ARG BASE_IMAGE=nuzantara/dotnet-aspnet:10.0
FROM ${BASE_IMAGE}
ARG ASSEMBLY
WORKDIR /app
COPY . /app
# The SDK's images start the app host (/app/<assembly>) itself, and so does this one, through a link of a fixed name.
# Not through a shell: sh (dash) drops variables whose names are not identifiers, such as services__python-backend__http__0.
RUN test -x "/app/$ASSEMBLY" || { echo "no /app/$ASSEMBLY: pass --build-arg ASSEMBLY=<assembly name> and the dotnet publish output as the context" >&2; exit 1; } \
 && ln -s "$ASSEMBLY" /app/service
USER 1654:1654
EXPOSE 8080
ENTRYPOINT ["/app/service"]
