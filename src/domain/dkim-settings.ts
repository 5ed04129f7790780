/** nodemailer's DKIM options: the signing domain, the DNS selector (`<selector>._domainkey.<domain>`) and the PEM key. */
export interface DkimSettings {
  domainName: string;
  keySelector: string;
  privateKey: string;
}
