-- wrk script: sends the benchmark's POST and prints one machine-readable
-- line with requests/s and latency percentiles in microseconds.
wrk.method = "POST"
wrk.body = '{"model":"llama3.2","prompt":"Why is the sky blue?","stream":false}'
wrk.headers["Content-Type"] = "application/json"

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    io.write(string.format("RESULT rps=%.1f p50=%d p99=%d errors=%d non2xx=%d\n",
        summary.requests / seconds, latency:percentile(50), latency:percentile(99),
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        summary.errors.status))
end
