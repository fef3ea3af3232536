-- wrk script for scale-10m.sh: one kind of read, for its latency on a large network.
--   wrk ... -s probe.lua http://127.0.0.1:18090 -- <tokens file: "id token" per line> <max member id> <kind>
-- kind: "member" (GET /members/{random}: profile, degree badge and mutual count), "mutual"
-- (GET /members/{random}/mutual-connections: the mutual list), "suggest" (GET /suggestions:
-- People You May Know with reasons). Answers of 500 and above go to standard error.
local tokens = {}
local max
local kind

function init(args)
  for line in io.lines(args[1]) do
    local token = line:match("^%d+%s+(%S+)")
    if token then
      tokens[#tokens + 1] = token
    end
  end
  max = tonumber(args[2])
  kind = args[3]
  math.randomseed(11 + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)], ["Accept"] = "application/json" }
  local other = math.random(1, max)
  if kind == "member" then
    return wrk.format("GET", "/api/v1/members/" .. other, headers)
  elseif kind == "mutual" then
    return wrk.format("GET", "/api/v1/members/" .. other .. "/mutual-connections", headers)
  end
  return wrk.format("GET", "/api/v1/suggestions", headers)
end

function response(status, headers, body)
  if status >= 500 then
    io.stderr:write("server error " .. status .. "\n")
  end
end
