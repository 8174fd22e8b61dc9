/** Where the domain gets "now" from. Production uses the system clock; tests move a fake one. */
export interface Clock {
  now(): Date;
}
