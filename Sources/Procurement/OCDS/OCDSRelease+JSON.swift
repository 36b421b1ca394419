import Foundation

/// The published form of a release: the same field names as the Codable form, with
/// amounts as exact decimal literals. `OCDSReleaseJSONTests` decodes these bytes with
/// JSONDecoder back into the same release, so the two forms cannot drift apart.
extension OCDSRelease {
    public var json: OCDSJSON {
        .fields([
            "ocid": .string(ocid), "id": .string(id), "date": .string(date),
            "tag": .array(tag.map { .string($0.rawValue) }),
            "initiationType": .string(initiationType), "language": .string(language),
            "parties": .array(parties.map(\.json)),
            "buyer": buyer?.json, "planning": planning?.json, "tender": tender?.json,
            "awards": awards.map { .array($0.map(\.json)) },
            "contracts": contracts.map { .array($0.map(\.json)) },
        ])
    }
}

extension OCDSRelease.Value {
    var json: OCDSJSON { .object(["amount": .yuan(fen: fen), "currency": .string(currency)]) }
}

extension OCDSRelease.Period {
    var json: OCDSJSON { .fields(["startDate": startDate.map(OCDSJSON.string), "endDate": endDate.map(OCDSJSON.string)]) }
}

extension OCDSRelease.Identifier {
    var json: OCDSJSON { .fields(["scheme": scheme.map(OCDSJSON.string), "id": .string(id), "legalName": legalName.map(OCDSJSON.string)]) }
}

extension OCDSRelease.Address {
    var json: OCDSJSON {
        .fields(["streetAddress": streetAddress.map(OCDSJSON.string), "region": region.map(OCDSJSON.string),
                 "countryName": countryName.map(OCDSJSON.string)])
    }
}

extension OCDSRelease.Party {
    var json: OCDSJSON {
        .fields(["id": .string(id), "name": .string(name), "identifier": identifier?.json, "address": address?.json,
                 "roles": .array(roles.map { .string($0.rawValue) })])
    }
}

extension OCDSRelease.OrganizationReference {
    var json: OCDSJSON { .object(["id": .string(id), "name": .string(name)]) }
}

extension OCDSRelease.Budget {
    var json: OCDSJSON {
        .fields(["id": id.map(OCDSJSON.string), "description": description.map(OCDSJSON.string), "amount": amount?.json,
                 "project": project.map(OCDSJSON.string), "projectID": projectID.map(OCDSJSON.string)])
    }
}

extension OCDSRelease.Planning {
    var json: OCDSJSON { .fields(["rationale": rationale.map(OCDSJSON.string), "budget": budget?.json]) }
}

extension OCDSRelease.Tender {
    var json: OCDSJSON {
        .fields([
            "id": .string(id), "title": title.map(OCDSJSON.string), "description": description.map(OCDSJSON.string),
            "status": status.map { .string($0.rawValue) }, "procuringEntity": procuringEntity?.json, "value": value?.json,
            "procurementMethod": procurementMethod.map { .string($0.rawValue) },
            "procurementMethodDetails": procurementMethodDetails.map(OCDSJSON.string),
            "procurementMethodRationale": procurementMethodRationale.map(OCDSJSON.string),
            "mainProcurementCategory": mainProcurementCategory.map(OCDSJSON.string),
            "tenderPeriod": tenderPeriod?.json, "numberOfTenderers": numberOfTenderers.map(OCDSJSON.integer),
            "tenderers": tenderers.map { .array($0.map(\.json)) },
        ])
    }
}

extension OCDSRelease.Award {
    var json: OCDSJSON {
        .fields([
            "id": .string(id), "title": title.map(OCDSJSON.string), "description": description.map(OCDSJSON.string),
            "status": .string(status.rawValue), "date": date.map(OCDSJSON.string), "value": value?.json,
            "suppliers": .array(suppliers.map(\.json)),
        ])
    }
}

extension OCDSRelease.Milestone {
    var json: OCDSJSON {
        .fields([
            "id": .string(id), "title": title.map(OCDSJSON.string), "type": type.map(OCDSJSON.string),
            "description": description.map(OCDSJSON.string), "dueDate": dueDate.map(OCDSJSON.string), "dateMet": dateMet.map(OCDSJSON.string), "status": status.map { .string($0.rawValue) },
        ])
    }
}

extension OCDSRelease.Transaction {
    var json: OCDSJSON {
        .fields([
            "id": .string(id), "source": source.map(OCDSJSON.string), "date": date.map(OCDSJSON.string), "value": value.json,
            "payer": payer?.json, "payee": payee?.json,
        ])
    }
}

extension OCDSRelease.Implementation {
    var json: OCDSJSON {
        .fields(["transactions": transactions.map { .array($0.map(\.json)) }, "milestones": milestones.map { .array($0.map(\.json)) }])
    }
}

extension OCDSRelease.Contract {
    var json: OCDSJSON {
        .fields([
            "id": .string(id), "awardID": .string(awardID), "title": title.map(OCDSJSON.string), "description": description.map(OCDSJSON.string),
            "status": .string(status.rawValue), "period": period?.json, "value": value?.json, "dateSigned": dateSigned.map(OCDSJSON.string),
            "milestones": milestones.map { .array($0.map(\.json)) }, "implementation": implementation?.json,
        ])
    }
}
