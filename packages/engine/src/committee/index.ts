export { createCommittee, addCommitteeMember, seatedMembers, type SeatedMember } from './committee.service';
export { scheduleMeeting, editAgenda, openMeeting, meetingQuorum, loadMeeting, type MeetingRow } from './meeting.service';
export { recuseMember, castVote, recordResolution, tallyOf, resolutionFromVotes, type Tally } from './voting.service';
export { recordListResolution, ListResolutionInput, type ListResolutionResult } from './list-resolution';
export { closeMeetingAndApply, type AppliedMeeting } from './apply-resolutions';
export { buildMinutes, minutesToCsv, minutesToText, SEAT_TH, RESOLUTION_TH, type Minutes } from './minutes';
export { quorumState, type QuorumState } from './quorum';
export { casesAwaitingCommittee, committeeSteps } from './agenda';
export * from './committee.types';
