-- wrk script for load.sh: a mixed, realistic read-mostly workload of many members.
--   wrk ... -s load.lua http://127.0.0.1:18083 -- <tokens file: "id token" per line> <max member id>
-- Each request is a random member (a token of the file) doing one of: view a profile (50%), read
-- the feed (15%), People You May Know (10%), mutual connections with someone (10%), their own
-- network sizes (10%), invite someone (5%: refusals such as 409 or 429 are expected answers).
-- Answers of 500 and above are written to standard error, one line each, for load.sh to count.
local tokens = {}
local max

function init(args)
  for line in io.lines(args[1]) do
    local token = line:match("^%d+%s+(%S+)")
    if token then
      tokens[#tokens + 1] = token
    end
  end
  max = tonumber(args[2])
  math.randomseed(7 + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)], ["Accept"] = "application/json" }
  local r = math.random(100)
  local other = math.random(1, max)
  if r <= 50 then
    return wrk.format("GET", "/api/v1/members/" .. other, headers)
  elseif r <= 65 then
    return wrk.format("GET", "/api/v1/feed?limit=20", headers)
  elseif r <= 75 then
    return wrk.format("GET", "/api/v1/suggestions", headers)
  elseif r <= 85 then
    return wrk.format("GET", "/api/v1/members/" .. other .. "/mutual-connections", headers)
  elseif r <= 95 then
    return wrk.format("GET", "/api/v1/me/network", headers)
  end
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/api/v1/invitations", headers, '{"inviteeId":"' .. other .. '"}')
end

function response(status, headers, body)
  if status >= 500 then
    io.stderr:write("server error " .. status .. "\n")
  end
end
