/**
 * A second algorithm for Erlang A (M/M/n+M), for the tests: the stationary distribution by direct
 * birth-death balance, and the tagged caller's chance to be served within T (and its expected wait)
 * by integrating the Kolmogorov backward equations with classical Runge-Kutta. Small systems only.
 */
export interface RefResult {
  probWait: number;
  probAbandon: number;
  serviceLevel: number;
  asaSeconds: number;
  busyServers: number;
}

export function erlangARef(n: number, a: number, aht: number, patience: number, t: number): RefResult {
  const mu = 1 / aht;
  const theta = 1 / patience;
  const lambda = a * mu;
  // pi_k unnormalised by balance: pi_{k+1} = pi_k lambda / (min(k+1, n) mu + max(0, k+1-n) theta)
  const pi: number[] = [1];
  for (let k = 0; k < n + 5000; k++) {
    const next = pi[k] * (lambda / (Math.min(k + 1, n) * mu + Math.max(0, k + 1 - n) * theta));
    pi.push(next);
    if (k > n + 10 && next < 1e-30 * pi[n]) break;
  }
  const total = pi.reduce((s, v) => s + v, 0);
  const p = pi.map((v) => v / total);
  const J = p.length - n; // waiting states j = 0..J-1 (arrival finds n + j)

  // f_i(s) = P(served by time s | i ahead); df_i/ds = r_i (f_{i-1} - f_i) - theta f_i, f_{-1} = 1.
  const rate = (i: number) => n * mu + i * theta;
  const deriv = (f: Float64Array) => {
    const d = new Float64Array(J);
    for (let i = 0; i < J; i++) d[i] = rate(i) * ((i === 0 ? 1 : f[i - 1]) - f[i]) - theta * f[i];
    return d;
  };
  const integrate = (horizon: number, dt: number, onStep?: (f: Float64Array) => void) => {
    let f = new Float64Array(J);
    const steps = Math.round(horizon / dt);
    for (let s = 0; s < steps; s++) {
      const k1 = deriv(f);
      const k2 = deriv(f.map((v, i) => v + (dt / 2) * k1[i]));
      const k3 = deriv(f.map((v, i) => v + (dt / 2) * k2[i]));
      const k4 = deriv(f.map((v, i) => v + dt * k3[i]));
      const before = f;
      f = f.map((v, i) => v + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
      onStep?.(before);
      onStep?.(f);
    }
    return f;
  };
  const fT = t > 0 ? integrate(t, t / 4000) : new Float64Array(J);
  // eventual service probability f_i(inf) = prod_{k<=i} r_k / (r_k + theta)
  const fInf = new Float64Array(J);
  let prod = 1;
  for (let i = 0; i < J; i++) fInf[i] = prod *= rate(i) / (rate(i) + theta);
  // E[V; served | i] = int_0^inf (f_i(inf) - f_i(s)) ds, trapezoid over the RK4 grid
  const horizon = 60 * patience;
  const dt = horizon / 60000;
  const area = new Float64Array(J);
  integrate(horizon, dt, (f) => {
    // each step reports both its ends: half a trapezoid each
    for (let i = 0; i < J; i++) area[i] += (dt / 2) * (fInf[i] - f[i]);
  });

  let probWait = 0;
  let probAbandon = 0;
  let slWait = 0;
  let waitServed = 0;
  for (let j = 0; j < J; j++) {
    const pj = p[n + j];
    probWait += pj;
    probAbandon += pj * (1 - fInf[j]);
    slWait += pj * fT[j];
    waitServed += pj * area[j];
  }
  let busy = 0;
  for (let k = 0; k < p.length; k++) busy += Math.min(k, n) * p[k];
  return {
    probWait,
    probAbandon,
    serviceLevel: 1 - probWait + slWait,
    asaSeconds: waitServed / (1 - probAbandon),
    busyServers: busy,
  };
}
