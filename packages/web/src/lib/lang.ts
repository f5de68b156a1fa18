/** The languages of the application: Thai first, English second. */
export type Lang = 'th' | 'en';
