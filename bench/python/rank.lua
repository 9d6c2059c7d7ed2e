-- POST /api/rank with 50 documents of about 1 KB each (the issue's shape); built once, sent on every request.
local words = {"redis", "cache", "postgres", "index", "query", "rank", "token", "document", "search", "latency"}
local documents = {}
for i = 1, 50 do
  local text = {}
  for j = 1, 140 do text[j] = words[((i * 7 + j * 3) % #words) + 1] end
  documents[i] = string.format('{"id":%d,"title":"document %d %s","body":"%s"}', i, i, words[(i % #words) + 1], table.concat(text, " "))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":"redis cache latency","limit":10,"documents":[' .. table.concat(documents, ",") .. ']}'
