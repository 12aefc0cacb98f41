import type { Schemas } from '../api/client';

type Data = Schemas['ApplicationData'];

/** The declaration form's state: what the API's create and edit take (SPEC §4.3). */
export interface DeclarationModel {
  candidate: {
    name: string;
    idType: Data['candidate']['idType'];
    idNumber: string;
    ethnicity: string;
    gender?: 'male' | 'female';
    birthDate?: string;
    idValidFrom: string;
    idValidTo: string;
    phone: string;
  };
  exam: { categoryCode: Data['exam']['categoryCode'] | '' };
  segments: {
    current: boolean;
    institutionName: string;
    registrationNo: string;
    checkCode?: string;
    startsOn: string;
    endsOn: string;
    department: string;
    teacherName: string;
    teacherCertNo: string;
    teacherUnit: string;
  }[];
}

export function emptySegment(current: boolean): DeclarationModel['segments'][number] {
  return { current, institutionName: '', registrationNo: '', checkCode: '', startsOn: '', endsOn: '', department: '', teacherName: '', teacherCertNo: '', teacherUnit: '' };
}

/** A new, empty declaration (one current segment). */
export function emptyDeclaration(): DeclarationModel {
  return {
    candidate: { name: '', idType: 'resident-id', idNumber: '', ethnicity: '01', idValidFrom: '', idValidTo: '', phone: '' },
    exam: { categoryCode: '' },
    segments: [emptySegment(true)],
  };
}

/** The stored data as the form edits it (the 校验码 is asked again: it is never stored). */
export function declarationOf(data: Data): DeclarationModel {
  const { candidate } = data;
  return {
    candidate: {
      name: candidate.name,
      idType: candidate.idType,
      idNumber: candidate.idNumber,
      ethnicity: candidate.ethnicity,
      ...(candidate.idType === 'resident-id' ? {} : { gender: candidate.gender, birthDate: candidate.birthDate }),
      idValidFrom: candidate.idValidFrom,
      idValidTo: candidate.idValidTo,
      phone: candidate.phone,
    },
    exam: { categoryCode: data.exam.categoryCode },
    segments: data.segments.map((s) => ({
      current: s.current,
      institutionName: s.institutionName,
      registrationNo: s.registrationNo,
      checkCode: '',
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      department: s.department,
      teacherName: s.teacherName,
      teacherCertNo: s.teacherCertNo,
      teacherUnit: s.teacherUnit,
    })),
  };
}

/**
 * The request body: trimmed text, the 校验码 only on the current segment and only when given.
 *
 * @example
 * await api.POST('/api/v1/projects/{id}/applications', { params, body: requestOf(model) });
 */
export function requestOf(model: DeclarationModel) {
  const c = model.candidate;
  return {
    candidate: {
      name: c.name.trim(),
      idType: c.idType,
      idNumber: c.idNumber.trim(),
      ethnicity: c.ethnicity,
      ...(c.idType === 'resident-id' ? {} : { ...(c.gender ? { gender: c.gender } : {}), ...(c.birthDate ? { birthDate: c.birthDate } : {}) }),
      idValidFrom: c.idValidFrom,
      idValidTo: c.idValidTo,
      phone: c.phone.trim(),
    },
    exam: { categoryCode: model.exam.categoryCode as Data['exam']['categoryCode'] },
    segments: model.segments.map((s) => ({
      current: s.current,
      institutionName: s.institutionName.trim(),
      registrationNo: s.registrationNo.trim(),
      ...(s.current && s.checkCode?.trim() ? { checkCode: s.checkCode.trim() } : {}),
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      department: s.department.trim(),
      teacherName: s.teacherName.trim(),
      teacherCertNo: s.teacherCertNo.trim(),
      teacherUnit: s.teacherUnit.trim(),
    })),
  };
}
