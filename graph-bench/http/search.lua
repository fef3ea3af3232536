-- wrk script: GET /api/v1/search/people?q=<word>&degree=<DEGREE> as members drawn from a token file,
-- the word drawn from a fixed list of skills, titles, first names and cities (search.sh).
-- Usage: wrk -t1 -c1 -d30s -s search.lua http://localhost:8080 -- <tokens-file> <degree or "any">
local tokens, degree = {}, nil
local words = { "java", "python", "kubernetes", "marketing", "design", "sales", "finance", "rust",
  "engineer", "manager", "analyst", "director", "designer", "consultant", "nurse", "teacher",
  "anna", "james", "maria", "david", "sofia", "lucas", "emma", "noah",
  "lisbon", "berlin", "madrid", "oslo", "paris", "toronto", "austin", "osaka",
  "data", "cloud", "security", "product", "research", "accounting", "logistics", "legal" }

init = function(args)
  for line in io.lines(args[1]) do
    local id, tok = line:match("^(%d+) (%S+)$")
    if tok then tokens[#tokens + 1] = tok end
  end
  degree = args[2]
  math.randomseed(7 + tonumber(tostring({}):sub(8), 16) % 1000)
end

request = function()
  local tok = tokens[math.random(1, #tokens)]
  local path = "/api/v1/search/people?limit=10&q=" .. words[math.random(1, #words)]
  if degree ~= "any" then path = path .. "&degree=" .. degree end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tok })
end

response = function(status, headers, body)
  if status ~= 200 then io.stderr:write("unexpected status " .. status .. "\n") end
end
