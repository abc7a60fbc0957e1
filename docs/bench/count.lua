-- wrk script: POST /count with 20 thread URIs, as count.min.js batches them.
local uris = {}
for i = 0, 19 do uris[#uris + 1] = string.format('"/bench/%d"', i) end
wrk.method = "POST"
wrk.body = "[" .. table.concat(uris, ",") .. "]"
wrk.headers["Content-Type"] = "application/json"
