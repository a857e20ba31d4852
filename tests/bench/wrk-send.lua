-- wrk script: POST one valid template send, as Herald's sender would, to the Cloud API
-- simulator. The token can be overridden with the HERALD_SIM_TOKEN environment variable.
--   wrk -t2 -c64 -d5s -s wrk-send.lua http://127.0.0.1:PORT/v23.0/106540352242922/messages

local token = os.getenv("HERALD_SIM_TOKEN") or "herald-demo-token"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.body = '{"messaging_product":"whatsapp","recipient_type":"individual","to":"4915123456789",'
    .. '"type":"template","template":{"name":"order_update","language":{"policy":"deterministic","code":"en_US"},'
    .. '"components":[{"type":"body","parameters":[{"type":"text","text":"Alex"},{"type":"text","text":"A12345"}]}]}}'

local statuses = {}

response = function(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
    io.write(string.format("requests_per_s=%.0f\n", summary.requests / (summary.duration / 1e6)))
    io.write(string.format("latency_p50_ms=%.2f latency_p99_ms=%.2f\n",
        latency:percentile(50) / 1000, latency:percentile(99) / 1000))
    io.write(string.format("errors_connect=%d errors_read=%d errors_status=%d errors_timeout=%d\n",
        summary.errors.connect, summary.errors.read, summary.errors.status, summary.errors.timeout))
end
