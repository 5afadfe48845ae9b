#pragma once

#include "queries.h"
#include "types.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Windsock::Api {

// Bulk create, update and delete of variables, connections and pools: the bulk block. Airflow 3 does a list
// of actions in one PATCH /variables (/connections, /pools); on Airflow 2 the client does the same with one
// request per entity and answers in the same shape, so callers do not care which API they talk to.

enum class BulkActionKind
{
    Create,
    Update,
    Delete
};

// What a create does with a key that exists already (BulkActionOnExistence).
enum class BulkOnExistence
{
    Fail,     // the whole action fails and nothing of it is created
    Skip,     // the existing entity stays as it is; the others are created
    Overwrite // the existing entity is replaced
};

// What an update or a delete does with a key that does not exist (BulkActionNotOnExistence).
enum class BulkOnNonExistence
{
    Fail, // the whole action fails and nothing of it changes
    Skip  // the missing key is passed over; the others change
};

// One action of a bulk request. Entity is Variable, ConnectionRequest or PoolRequest.
template<typename Entity>
struct BulkAction
{
    BulkActionKind kind = BulkActionKind::Create;
    QList<Entity> entities; // create and update
    QStringList keys;       // delete: the keys (variable key, connection id, pool name)
    QStringList updateMask; // update: the fields that change, in the API's names; empty: every field sent
    BulkOnExistence onExistence = BulkOnExistence::Fail;          // create
    BulkOnNonExistence onNonExistence = BulkOnNonExistence::Fail; // update and delete
};

using VariableBulkAction = BulkAction<Variable>;
using ConnectionBulkAction = BulkAction<ConnectionRequest>;
using PoolBulkAction = BulkAction<PoolRequest>;

// Airflow 3's BulkActionResponse: the keys that succeeded, and the errors as the server gave them (an
// action that fails as a whole has one error that names every key).
struct BulkActionResponse
{
    struct Error
    {
        QString message;
        int httpStatus = 0; // 0 when the server gave none
    };
    QStringList success;
    QList<Error> errors;
};

// Airflow 3's BulkResponse: one part per kind of action the request had.
struct BulkResponse
{
    std::optional<BulkActionResponse> create;
    std::optional<BulkActionResponse> update;
    std::optional<BulkActionResponse> remove; // "delete"
};

// What became of one entity of a bulk request.
struct BulkItemResult
{
    enum class Status
    {
        Succeeded,
        Skipped, // onExistence/onNonExistence Skip passed over it
        Failed
    };
    BulkActionKind action = BulkActionKind::Create;
    QString key;
    Status status = Status::Succeeded;
    QString message; // Failed: the server's words (or the transport's); empty otherwise
    int httpStatus = 0;
};

// Every entity of every action, in the request's order.
struct BulkResult
{
    QList<BulkItemResult> items;

    int count(BulkItemResult::Status status) const
    {
        int n = 0;
        for (const BulkItemResult &item : items)
            n += item.status == status ? 1 : 0;
        return n;
    }
    QList<BulkItemResult> failures() const
    {
        QList<BulkItemResult> failed;
        for (const BulkItemResult &item : items)
            if (item.status == BulkItemResult::Status::Failed)
                failed.append(item);
        return failed;
    }
};

} // namespace Windsock::Api
