/** An account as the popup's "Add manually" form takes it, every field as typed. */
export interface TypedAccount {
  secret: string;
  issuer: string;
  account: string;
  algorithm: string;
  digits: string;
  period: string;
}
