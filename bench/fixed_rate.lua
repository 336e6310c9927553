-- Fixed-rate (open-loop) load for wrk, which Debian 12 ships without wrk2's --rate:
--   wrk -t1 -c32 -d15s --latency -s bench/fixed_rate.lua URL -- RATE
-- RATE is requests per second for the whole run (divided among wrk's threads, -t).
--
-- wrk asks delay() before every request, the first one of each connection included. Each call
-- takes the next slot of one schedule shared by the thread's connections, slot k at start + k/rate,
-- and waits until then. Every connection so sends at RATE/connections on average, and a slow answer
-- holds up only its own connection: the others keep to the schedule. A request sent after its slot
-- (every connection was still waiting for an answer) is counted as late; wrk measures latency
-- from the actual send, so late sends are where its percentiles would hide a stall (coordinated
-- omission). The summary line says how many there were and the largest delay.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } skirosim_timespec;
int clock_gettime(int clock_id, skirosim_timespec* time);
]]
local timespec = ffi.new("skirosim_timespec")
local CLOCK_MONOTONIC = 1

local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
    return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

-- Main Lua state: keeps the threads to add up their counts in done().
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

-- Per-thread state (each wrk thread has its own Lua state).
local interval_ms = nil
local next_slot = nil
sent, late, max_lag_ms = 0, 0, 0

function init(args)
    local rate = tonumber(args[1])
    local thread_total = tonumber(args[2] or "1")
    if rate == nil or rate <= 0 then
        error("fixed_rate.lua needs the total rate: wrk ... -s bench/fixed_rate.lua URL -- RATE [THREADS]")
    end
    interval_ms = 1000 * thread_total / rate
end

function delay()
    local now = now_ms()
    if next_slot == nil then next_slot = now end
    local slot = next_slot
    next_slot = next_slot + interval_ms
    sent = sent + 1
    local wait = slot - now
    if wait >= 0 then return wait end
    -- wrk's timers have 1 ms resolution; count only what is clearly behind the schedule.
    if -wait > 1 then late = late + 1 end
    if -wait > max_lag_ms then max_lag_ms = -wait end
    return 0
end

function done(summary, latency, requests)
    local total_sent, total_late, lag = 0, 0, 0
    for _, thread in ipairs(threads) do
        total_sent = total_sent + (thread:get("sent") or 0)
        total_late = total_late + (thread:get("late") or 0)
        lag = math.max(lag, thread:get("max_lag_ms") or 0)
    end
    io.write(string.format("fixed-rate: scheduled %d, late by more than 1 ms %d (%.2f%%), max lag %.1f ms\n",
        total_sent, total_late, total_sent > 0 and 100 * total_late / total_sent or 0, lag))
end
