import type { Address } from './tcp';

/** A PostgreSQL or Redis the launcher started, and how to stop it. */
export interface StartedService {
  url: string;
  address: Address;
  stop(): Promise<void>;
}
