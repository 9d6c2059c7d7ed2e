
var builder = DistributedApplication.CreateBuilder(args);

builder.AddRedis("redis");

builder.Build().Run();
