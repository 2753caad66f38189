/**
 * Contact-center KPIs: one definition each of service level, abandon rate, ASA, AHT and occupancy,
 * as small pure functions of counts and sums. A leaf module: it imports nothing from the rest of
 * wfm, so the reports (`wfm report sla`, `report agents`, `report staffing`), the live board
 * (`wfm live`) and the simulator summary (`wfm simulate --summary`) can all use it.
 *
 * Conventions (the README's "Definitions"):
 * - a call belongs to the interval (or window) in which it entered the queue;
 * - offered = calls with an outcome, whatever it is (answered, abandoned, exited);
 * - answeredWithin = answered calls whose wait was at most the threshold T (wait <= T: a call
 *   answered after exactly T seconds is within);
 * - shortAbandoned = abandoned calls that waited less than the short-abandon limit (wait < S);
 *   they stay counted in offered and abandoned, and the ratios below take them out;
 * - times are in seconds; ratios are shares in [0, 1] for consistent counts.
 * Every function returns null, never NaN or Infinity, when its denominator is 0 (nothing to
 * measure: no calls, no answered call, no available time). Inputs are not checked: counts that do
 * not fit together (shortAbandoned > abandoned, answeredWithin > offered, ...) give a ratio outside
 * [0, 1], or null when the base is negative.
 *
 * Where the users' definitions differ, the caller passes different counts; the differences:
 * - `wfm report sla` and `wfm live`: the definitions below with short abandons taken out. The live
 *   board counts only calls whose outcome is known (a caller still waiting is not offered yet) and
 *   its AHT is talk time only (queue_log has no wrap-up), over the calls completed in the window.
 * - `wfm simulate --summary`: no short-abandon exclusion (shortAbandoned = 0: service level =
 *   answeredWithin / offered over all arrivals, abandon rate = abandoned / offered, as Erlang C and
 *   Erlang A define them), and each figure is computed per replication and then averaged over the
 *   replications (a mean of ratios, not a ratio of pooled counts).
 */

/** The counts behind a service level. */
export interface ServiceLevelCounts {
  /** Answered calls that waited at most the threshold T (wait <= T). */
  answeredWithin: number;
  /** Offered calls: every call with an outcome. */
  offered: number;
  /** Short abandons (abandoned after waiting less than S), counted in `offered`; default 0. */
  shortAbandoned?: number;
}

/**
 * Service level: the share of calls answered within the threshold T,
 *
 *   serviceLevel = answeredWithin / (offered - shortAbandoned).
 *
 * Short abandons leave the base (a caller who hangs up after 2 seconds was never really offered to
 * an agent), answered calls outside T and the other abandons and exits stay in it as missed. With
 * `shortAbandoned` 0 or omitted it is answeredWithin / offered, the service level of Erlang C
 * (P(wait <= T) over all calls) and of Erlang A (answered within T over all arrivals).
 *
 * @param counts answeredWithin, offered and shortAbandoned (calls, non-negative integers)
 * @returns a share in [0, 1]; null when offered - shortAbandoned is 0 (no call, or only short
 *   abandons)
 * @example
 * serviceLevel({ answeredWithin: 80, offered: 105, shortAbandoned: 5 }); // => 0.8
 * serviceLevel({ answeredWithin: 0, offered: 3, shortAbandoned: 3 }); // => null
 */
export function serviceLevel({ answeredWithin, offered, shortAbandoned = 0 }: ServiceLevelCounts): number | null {
  const base = offered - shortAbandoned;
  return base > 0 ? answeredWithin / base : null;
}

/** The counts behind an abandon rate. */
export interface AbandonCounts {
  /** Abandoned calls, short abandons included. */
  abandoned: number;
  /** Offered calls: every call with an outcome. */
  offered: number;
  /** Short abandons (abandoned after waiting less than S), counted in `abandoned` and `offered`; default 0. */
  shortAbandoned?: number;
}

/**
 * Abandon rate: the share of calls that hung up while waiting, short abandons left out of both
 * sides,
 *
 *   abandonRate = (abandoned - shortAbandoned) / (offered - shortAbandoned).
 *
 * Exits (timeout, key press, empty queue) are not abandons. With `shortAbandoned` 0 or omitted it
 * is abandoned / offered, Erlang A's P(abandon).
 *
 * @param counts abandoned, offered and shortAbandoned (calls, non-negative integers)
 * @returns a share in [0, 1]; null when offered - shortAbandoned is 0
 * @example
 * abandonRate({ abandoned: 9, offered: 105, shortAbandoned: 5 }); // => 0.04
 * abandonRate({ abandoned: 2, offered: 10 }); // => 0.2
 */
export function abandonRate({ abandoned, offered, shortAbandoned = 0 }: AbandonCounts): number | null {
  const base = offered - shortAbandoned;
  return base > 0 ? (abandoned - shortAbandoned) / base : null;
}

/**
 * Average speed of answer: the mean wait of answered calls, in seconds,
 *
 *   ASA = waitSeconds / answered,
 *
 * waitSeconds the sum of the waits (queue entry to answer) of the answered calls. Abandoned and
 * exited calls do not count (their waits are not speed of answer). Erlang C's ASA averages over
 * all calls (callers there never hang up, so every call is answered); Erlang A's over served calls
 * as here.
 *
 * @param sums waitSeconds (seconds, >= 0) and answered (calls)
 * @returns seconds, >= 0; null when no call was answered
 * @example
 * asa({ waitSeconds: 300, answered: 20 }); // => 15
 * asa({ waitSeconds: 0, answered: 0 }); // => null
 */
export function asa({ waitSeconds, answered }: { waitSeconds: number; answered: number }): number | null {
  return answered > 0 ? waitSeconds / answered : null;
}

/**
 * Average handle time: the mean handle time of handled calls, in seconds,
 *
 *   AHT = handleSeconds / calls,
 *
 * handleSeconds the sum of talk time plus after-call work (wrap-up) where the data has it. Which
 * calls count is the caller's: the reports take the calls answered in the period (`report sla` by
 * the interval the call entered, `report agents` by the moment it was answered), the live board the
 * calls completed in its window with talk time only.
 *
 * @param sums handleSeconds (seconds, >= 0) and calls (the number of calls those seconds are of)
 * @returns seconds, >= 0; null when there is no call
 * @example
 * aht({ handleSeconds: 3600, calls: 12 }); // => 300
 */
export function aht({ handleSeconds, calls }: { handleSeconds: number; calls: number }): number | null {
  return calls > 0 ? handleSeconds / calls : null;
}

/**
 * Occupancy: the share of an agent's available time spent handling calls,
 *
 *   occupancy = handleSeconds / availableSeconds,   availableSeconds = logged in - paused,
 *
 * handleSeconds = talk + wrap-up. Not capped: when the handle time counted (e.g. of the calls
 * answered in a period) runs past the available time measured in it, the ratio exceeds 1. Erlang
 * C's occupancy a / n is the same share predicted from traffic a and n agents.
 *
 * @param times handleSeconds and availableSeconds (seconds, >= 0)
 * @returns a share, normally in [0, 1]; null when the agent had no available time
 * @example
 * occupancy({ handleSeconds: 2700, availableSeconds: 3600 }); // => 0.75
 * occupancy({ handleSeconds: 0, availableSeconds: 0 }); // => null
 */
export function occupancy({ handleSeconds, availableSeconds }: { handleSeconds: number; availableSeconds: number }): number | null {
  return availableSeconds > 0 ? handleSeconds / availableSeconds : null;
}
