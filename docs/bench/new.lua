-- wrk script: POST /new with a unique comment per request (Isso's client body).
local counter = 0
local thread = math.random(1, 1000000)

request = function()
  counter = counter + 1
  local body = string.format(
    '{"text":"load comment %d-%d with some *markdown* and enough words to be real","author":"Bench","email":null,"website":null,"parent":null,"title":"Bench","notification":0}',
    thread, counter)
  return wrk.format("POST", "/new?uri=/load/" .. (counter % 50), {["Content-Type"] = "application/json"}, body)
end
