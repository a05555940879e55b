/** What the deal page's search pickers list: a contact or company found by the search actions. */
export interface SearchHit {
  id: string;
  name: string;
  detail: string | null;
}

/** The duplicate check of the contact and company forms: exact matches (email, domain) and same names. */
export interface DuplicateHits {
  /** the same email / domain, ignoring case: a warning */
  exact: SearchHit[];
  /** the same name only: a hint */
  similar: SearchHit[];
}
